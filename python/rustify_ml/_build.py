"""The tier-2 build process: ``python -m rustify_ml._build CRATE_DIR``.

Started by the runtime for each module build. It runs apart from the
program that asked for it, so a build still lands in the cache when that
program has already exited. Exit status 0 means the cache holds the result.
"""

import sys

from . import _native


def main(argv):
    if len(argv) != 1:
        print("usage: python -m rustify_ml._build CRATE_DIR", file=sys.stderr)
        return 2
    try:
        print(_native.run_build(argv[0]))
    except Exception as e:  # the parent logs the recorded failure
        print(f"rustify-ml build failed: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
