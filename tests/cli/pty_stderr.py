"""Runs a command with its standard error on a pseudo-terminal (as at a terminal) and its
standard output inherited; writes what the terminal received to ERR_FILE and exits with
the command's exit code.  usage: pty_stderr.py ERR_FILE COMMAND [ARGS...]"""
import fcntl
import os
import struct
import subprocess
import sys
import termios

err_file, command = sys.argv[1], sys.argv[2:]
master, slave = os.openpty()
# A wide terminal, so that lines are not cut at the default 80 columns.
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
proc = subprocess.Popen(command, stderr=slave, stdin=subprocess.DEVNULL)
os.close(slave)
received = b""
while True:
    try:
        data = os.read(master, 65536)
    except OSError:  # EIO: the command closed its end
        break
    if not data:
        break
    received += data
code = proc.wait()
with open(err_file, "wb") as f:
    f.write(received)
sys.exit(code)
