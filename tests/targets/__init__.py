"""Launchers for the places MicroPython runs in tests: unix port, qemu, rp2040js."""
