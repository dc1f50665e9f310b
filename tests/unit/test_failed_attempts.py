"""Guessing participant links: ten failures a minute per address, and the addresses forgotten
again, so that made-up addresses (a proxy's header) cannot fill the server's memory."""

from __future__ import annotations

from inkl_widgets.server.access import FailedAttempts


class Clock:
    """Seconds that pass only when the test says so."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_an_address_is_stopped_after_ten_failures_and_let_in_again_a_minute_later():
    clock = Clock()
    attempts = FailedAttempts(clock=clock)
    for _ in range(9):
        attempts.fail("192.168.1.7")
    assert not attempts.blocked("192.168.1.7")
    attempts.fail("192.168.1.7")
    assert attempts.blocked("192.168.1.7")
    assert not attempts.blocked("192.168.1.8")
    clock.now += 61
    assert not attempts.blocked("192.168.1.7")


def test_addresses_quiet_for_a_minute_are_forgotten():
    clock = Clock()
    attempts = FailedAttempts(clock=clock)
    for number in range(5_000):  # one failure each from made-up addresses
        attempts.fail(f"10.0.{number // 256}.{number % 256}")
    attempts.blocked("172.16.0.1")  # asking about an address remembers nothing
    assert len(attempts) == 5_000
    clock.now += 61
    attempts.fail("192.168.1.7")
    assert len(attempts) == 1
    assert not attempts.blocked("10.0.0.1")
