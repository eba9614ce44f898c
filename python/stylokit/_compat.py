"""Minimal stand-ins for scikit-learn's estimator bases when scikit-learn is not installed:
get_params/set_params from the constructor's keyword arguments, fit_transform from fit and
transform. With scikit-learn installed its own classes are used."""

import inspect


class BaseEstimator:
    def get_params(self, deep=True):
        names = [p for p in inspect.signature(type(self).__init__).parameters if p != "self"]
        return {n: getattr(self, n) for n in names}

    def set_params(self, **params):
        valid = self.get_params()
        for k, v in params.items():
            if k not in valid:
                raise ValueError(f"invalid parameter {k!r} for {type(self).__name__}")
            setattr(self, k, v)
        return self


class TransformerMixin:
    def fit_transform(self, X, y=None):
        return self.fit(X, y).transform(X)
