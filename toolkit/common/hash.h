#pragma once
// SHA-256 (OpenSSL's libcrypto) for the input hashes recorded with every result.

#include <filesystem>
#include <string>
#include <string_view>

namespace stylokit {

// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

// Lower-case hex SHA-256 of a file's bytes, streamed. Throws IoError.
std::string sha256_file(const std::filesystem::path& path);

}  // namespace stylokit
