"""Tests under load and faults: many clients, slow queries, interrupted builds, full disks."""
