"""A warm `aws` for the apply test: the AWS CLI's own entry point (`awscli.clidriver.main`, which is
all the installed `aws` script runs) imported once here and run in a fork of this process for every
command.

Why: the apply test runs every `aws` command of every generated README, about 560 of them. Each
`aws` process spends about 0.7 s of CPU starting Python, importing botocore and reading the service
models before it sends its request; a fork of an interpreter that has already done that spends about
0.07 s. The commands, their parsing, the requests and the output are the real CLI's: only the process
start and the files read before the request are shared.

The `aws` on the scripts' PATH (written by `install_client`) is a small client: it hands this server
its arguments, environment and working directory, and its stdin, stdout and stderr themselves (as
file descriptors over a Unix socket), so pipes, `$(...)` and redirections behave as with the real
script; it exits with the command's status.

The server is single-threaded, so forking it is safe (a fork copies only the thread that calls it).

Usage: aws_fork_server.py SOCKET   (serves until killed; prints "ready" once it listens)
"""
import array
import gc
import importlib
import json
import os
import shutil
import signal
import socket
import struct
import sys
import tempfile
import traceback

# The installed `aws` script does this before importing the CLI; so does the fork (below).
UTF8_LOCALE = ("LC_CTYPE", "UTF-8", "en_US.UTF-8")


def receive(connection):
    """The client's request: a length-prefixed JSON header and three file descriptors."""
    fds = array.array("i")
    data = b""
    while len(data) < 4:
        chunk, ancillary, _, _ = connection.recvmsg(4 - len(data), socket.CMSG_SPACE(3 * fds.itemsize))
        if not chunk:
            raise ConnectionError("the client closed before its request")
        data += chunk
        for level, kind, payload in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds.frombytes(payload[: len(payload) - len(payload) % fds.itemsize])
    (length,) = struct.unpack("!I", data)
    body = b""
    while len(body) < length:
        chunk = connection.recv(length - len(body))
        if not chunk:
            raise ConnectionError("the client closed during its request")
        body += chunk
    return json.loads(body), list(fds)


def run_command(connection, request, fds):
    """In the fork: become the client's `aws` process, run the CLI, report the status, exit."""
    import awscli
    import awscli.clidriver

    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    status = 255
    try:
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        name, wrong, right = UTF8_LOCALE
        if os.environ.get(name, "") == wrong:
            os.environ[name] = right
        # The one thing the CLI's import takes from the environment: awscli/__init__.py puts its data
        # folder on AWS_DATA_PATH, after any the caller set. Done again with the client's environment.
        importlib.reload(awscli)
        sys.argv = ["aws"] + request["argv"]
        status = awscli.clidriver.main()
    except SystemExit as exit:
        # sys.exit's own rules: None is 0, an int is itself, anything else is printed and is 1.
        if exit.code is None or isinstance(exit.code, int):
            status = exit.code or 0
        else:
            print(exit.code, file=sys.stderr)
            status = 1
    except BaseException:
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        try:
            connection.sendall(struct.pack("!i", status))
        finally:
            os._exit(status & 0xFF)


def reap(*_):
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


# One command of each service the generated READMEs call, the most called first.
WARM_COMMANDS = [["iam", "list-roles"], ["lambda", "list-functions"], ["xray", "get-sampling-rules"],
                 ["logs", "describe-log-groups"], ["cloudformation", "list-stacks"], ["ecs", "list-clusters"],
                 ["kms", "list-keys"], ["ec2", "describe-images"], ["eks", "list-clusters"],
                 ["apigateway", "get-rest-apis"], ["application-signals", "list-service-level-objectives"],
                 ["sts", "get-caller-identity"]]


def share_loader():
    """Makes every session of this process, and of its forks, use one data loader per search path.

    A botocore session reads the CLI's tables, the endpoints and each service's model through its
    loader, which keeps what it read; an `aws` process has one session, so it reads each file once.
    With one loader shared, a fork starts with the files the warm-up read and reads no file twice:
    the same data as an `aws` process, which is also what a second client in one session sees."""
    import botocore.loaders
    import botocore.session

    create = botocore.loaders.create_loader
    loaders = {}

    def shared(search_path_string=None):
        if search_path_string not in loaders:
            loaders[search_path_string] = create(search_path_string)
        return loaders[search_path_string]

    botocore.session.create_loader = shared


def warm_up():
    """Runs one command per service through the CLI, against a closed port (one attempt) and with
    its output set aside, so that the shared loader holds what those commands read. Each must get as
    far as sending its request, or the forks would start cold without a word: the server then fails."""
    import awscli
    import awscli.clidriver

    # Empty configuration files and a file for the output, all of its own: not os.devnull, which on
    # some machines (this project's CI sandboxes among them) is a regular file that keeps what is written
    # to it. There the first command's output made every later command's configuration unreadable
    # (ConfigParseError), the warm-up warmed nothing, and each command cost 0.3 s of CPU, not 0.07 s.
    folder = tempfile.mkdtemp(prefix="xrayctl-aws-warm-")
    empty, output = os.path.join(folder, "empty"), os.path.join(folder, "output")
    open(empty, "w").close()
    saved_environment = dict(os.environ)
    saved_fds = [os.dup(1), os.dup(2)]
    try:
        os.environ.update(AWS_ACCESS_KEY_ID="warm", AWS_SECRET_ACCESS_KEY="warm", AWS_DEFAULT_REGION="us-east-1",
                          AWS_ENDPOINT_URL="http://127.0.0.1:9", AWS_MAX_ATTEMPTS="1", AWS_PAGER="",
                          AWS_CONFIG_FILE=empty, AWS_SHARED_CREDENTIALS_FILE=empty)
        for command in WARM_COMMANDS:
            sink = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(sink, 1)
            os.dup2(sink, 2)
            os.close(sink)
            sys.argv = ["aws"] + command
            try:
                awscli.clidriver.main()
                raised = None
            except BaseException as error:  # SystemExit too: argparse's, for a command this CLI lacks
                raised = error
            sys.stdout.flush()
            sys.stderr.flush()
            with open(output, encoding="utf-8", errors="replace") as handle:
                said = handle.read()
            # The closed port's answer: the command was parsed, its client made and its request sent.
            if raised is not None or "Could not connect to the endpoint URL" not in said:
                raise RuntimeError(f"the warm-up command aws {' '.join(command)} did not reach its request "
                                   f"({raised!r}): {said[-600:]}")
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved_fds[0], 1)
        os.dup2(saved_fds[1], 2)
        for fd in saved_fds:
            os.close(fd)
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.clear()
        os.environ.update(saved_environment)


def serve(path):
    import awscli.clidriver  # noqa: F401  (the import every fork then shares)

    share_loader()
    warm_up()
    # Every object so far is left out of the garbage collector's passes: a fork's collections would
    # otherwise visit, and so copy, every page of this interpreter (the whole apply test took 121 to
    # 138 s of CPU without this, 74 s with it).
    gc.collect()
    gc.freeze()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    signal.signal(signal.SIGCHLD, reap)
    # The server ends with the test that started it, even one killed before it could stop the server.
    parent = os.getppid()
    listener.settimeout(5)
    print("ready", flush=True)
    while True:
        try:
            connection, _ = listener.accept()
        except socket.timeout:
            if os.getppid() != parent:
                return
            continue
        try:
            request, fds = receive(connection)
        except (ConnectionError, ValueError):
            connection.close()
            continue
        if os.fork() == 0:
            listener.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            run_command(connection, request, fds)
        connection.close()
        for fd in fds:
            os.close(fd)


CLIENT = """#!{python} -IS
# `aws`, run by the warm server at {socket!r} (Tests/XRayKitTests/Conformance/aws_fork_server.py).
import array, json, os, socket, struct, sys
connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
connection.connect({socket!r})
body = json.dumps({{"argv": sys.argv[1:], "env": dict(os.environ), "cwd": os.getcwd()}}).encode()
connection.sendmsg([struct.pack("!I", len(body))], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [0, 1, 2]))])
connection.sendall(body)
status = b""
while len(status) < 4:
    chunk = connection.recv(4 - len(status))
    if not chunk:
        sys.exit("aws: the warm AWS CLI server stopped before the command ended")
    status += chunk
sys.exit(struct.unpack("!i", status)[0] & 0xFF)
"""


def install_client(directory, socket_path):
    """Writes the `aws` client into `directory` (to be put first on PATH)."""
    path = os.path.join(directory, "aws")
    with open(path, "w") as handle:
        handle.write(CLIENT.format(python=sys.executable, socket=socket_path))
    os.chmod(path, 0o755)
    return path


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: aws_fork_server.py SOCKET")
    serve(sys.argv[1])
