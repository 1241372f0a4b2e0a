"""Adversarial: module-level lists read and mutated by compiled code; a
bail-out after the mutation must not leave it applied twice."""

LOG = []
TABLE = [1.0, 2.0, 3.0]
GRID = [[0.0, 0.0], [0.0, 0.0]]


def log_then_fail(x, d):
    LOG.append(x)
    return x / d


def log_len():
    return len(LOG)


def read_table(i):
    return TABLE[i] * 2.0


def write_table(i, v, d):
    TABLE[i] = v
    return v / d


def table_snapshot():
    return list(TABLE)


def grid_bump(i, j, d):
    GRID[i][j] += 1.0
    return 1.0 / d


def grid_snapshot():
    return [list(r) for r in GRID]


def pass_global(d):
    return log_then_fail_arg(LOG, d)


def log_then_fail_arg(xs, d):
    xs.append(0.5)
    return 1.0 / d


# run-any: log_then_fail(1.0, 2.0)
# run-any: log_then_fail(1.0, 0.0)
# run-any: log_len()
# run-any: read_table(1)
# run-any: write_table(0, 9.0, 1.0)
# run-any: write_table(1, 8.0, 0.0)
# run-any: table_snapshot()
# run-any: grid_bump(0, 1, 0.0)
# run-any: grid_bump(1, 1, 1.0)
# run-any: grid_snapshot()
# run-any: pass_global(0.0)
# run-any: log_len()
