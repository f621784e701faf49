"""Loaded by pytest (conftest.py): nbval's kernels start again when a start fails.

nbval starts one Jupyter kernel per notebook. With two pytest-xdist workers, two kernels
can start at the same moment; each picks free TCP ports by opening and closing them, so
both may pick the same port, and one kernel then never answers ("Kernel didn't respond in
60 seconds"). Every cell of that notebook fails, though nothing in it is wrong. A fresh
start picks fresh ports, so a failed start is retried (ATTEMPTS in all) with the kernel's
error output kept; the notebook fails only when every attempt fails, and the error then
says what each attempt printed.
"""

import tempfile
import warnings

ATTEMPTS = 3


def starting_kernel(base, start_new_kernel, attempts=ATTEMPTS):
    """A subclass of nbval's RunningKernel `base` whose start is retried `attempts` times."""
    if attempts < 1:
        raise ValueError(f"attempts must be at least 1, got {attempts}")

    class RetryingKernel(base):
        def __init__(self, kernel_name, cwd=None, startup_timeout=60):
            failures = []
            for attempt in range(1, attempts + 1):
                log = tempfile.TemporaryFile(mode="w+")  # the kernel's stderr, kept for errors
                self.km = self.kc = None
                try:
                    self.km, self.kc = start_new_kernel(startup_timeout=startup_timeout,
                                                        kernel_name=kernel_name, stderr=log,
                                                        cwd=cwd)
                    self._ensure_iopub_up()
                    if failures:
                        warnings.warn(f"kernel for {cwd} started at attempt {attempt} after: "
                                      + " | ".join(failures), stacklevel=2)
                    return
                except RuntimeError as error:
                    if self.kc is not None:  # started, but IOPub never came up
                        self.kc.stop_channels()
                        self.km.shutdown_kernel(now=True)
                    log.seek(0)
                    printed = log.read().strip()[-2000:]
                    failures.append(f"attempt {attempt}: {error}"
                                    + (f" (kernel printed: {printed})" if printed else ""))
            raise RuntimeError(f"the kernel did not start in {attempts} attempts: "
                               + " | ".join(failures))

    RetryingKernel.__name__ = RetryingKernel.__qualname__ = "RetryingKernel"
    return RetryingKernel


def pytest_configure(config):
    """Give nbval the retrying kernel (nothing to do where nbval is not installed)."""
    try:
        import nbval.kernel
        import nbval.plugin
    except ImportError:
        return
    if not getattr(nbval.plugin.RunningKernel, "_retrying", False):
        kernel = starting_kernel(nbval.kernel.RunningKernel, nbval.kernel.start_new_kernel)
        kernel._retrying = True
        nbval.plugin.RunningKernel = kernel
