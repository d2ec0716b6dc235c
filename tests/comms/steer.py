"""How the tests steer the SMTP sink and the SMS gateway: control files."""
import threading

_lock = threading.Lock()


def pop_line(path):
    """The first line of a control file, removed from it; None if none."""
    with _lock:
        try:
            with open(path) as f:
                lines = f.read().splitlines()
        except FileNotFoundError:
            return None
        if not lines:
            return None
        with open(path, "w") as f:
            f.write("".join(l + "\n" for l in lines[1:]))
        return lines[0]
