"""The collector is paused inside large loops and restored exactly as it was."""

import gc

from qaward.gcpause import gc_paused


def test_paused_inside_and_enabled_again_after():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():  # nested: the inner block leaves it paused
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_caller_s_own_disable_is_kept_and_errors_restore_it():
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    try:
        with gc_paused():
            raise ValueError
    except ValueError:
        pass
    assert gc.isenabled()


def test_as_a_decorator():
    @gc_paused()
    def inside():
        return gc.isenabled()

    assert inside() is False and gc.isenabled()
