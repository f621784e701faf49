"""nbval's kernel start is retried when it fails, as when two workers race for a port."""

import nbval.kernel
import nbval.plugin
import pytest

import nbkernel


def flaky_start(failures, printed="zmq.error.ZMQError: Address already in use"):
    """A start_new_kernel that fails `failures` times (printing like a kernel), then starts."""
    calls = []

    def start(**kwargs):
        calls.append(kwargs)
        if len(calls) <= failures:
            kwargs["stderr"].write(printed)
            kwargs["stderr"].flush()
            raise RuntimeError("Kernel didn't respond in 60 seconds")
        return nbval.kernel.start_new_kernel(**kwargs)

    return start, calls


def test_a_failed_start_is_retried_with_a_warning(tmp_path):
    start, calls = flaky_start(failures=2)
    kernel_class = nbkernel.starting_kernel(nbval.kernel.RunningKernel, start)
    with pytest.warns(UserWarning, match="started at attempt 3 after: attempt 1: Kernel didn't"):
        kernel = kernel_class(nbval.kernel.CURRENT_ENV_KERNEL_NAME, cwd=str(tmp_path))
    try:
        assert len(calls) == 3
        assert kernel.km.is_alive()
    finally:
        kernel.stop()


def test_a_kernel_that_never_starts_fails_with_what_it_printed(tmp_path):
    start, calls = flaky_start(failures=10, printed="Address already in use (port 40001)")
    kernel_class = nbkernel.starting_kernel(nbval.kernel.RunningKernel, start, attempts=2)
    with pytest.raises(RuntimeError, match=r"did not start in 2 attempts: attempt 1: Kernel "
                       r"didn't respond .*port 40001.* \| attempt 2: "):
        kernel_class(nbval.kernel.CURRENT_ENV_KERNEL_NAME, cwd=str(tmp_path))
    assert len(calls) == 2


def test_attempts_must_be_positive():
    with pytest.raises(ValueError, match="attempts must be at least 1, got 0"):
        nbkernel.starting_kernel(nbval.kernel.RunningKernel, nbval.kernel.start_new_kernel, 0)


def test_the_suite_runs_notebooks_with_the_retrying_kernel():
    assert nbval.plugin.RunningKernel.__name__ == "RetryingKernel"
    assert issubclass(nbval.plugin.RunningKernel, nbval.kernel.RunningKernel)
