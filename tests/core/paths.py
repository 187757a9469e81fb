"""Paths of the sample repository's files that the check-code tests break."""

from __future__ import annotations

HS1_EX = "examples/hate-speech/HS-001.yaml"
HS1_EX_BN = "examples/hate-speech/HS-001.bn.yaml"
BU1_EX = "examples/bullying/BU-001.yaml"
HS1 = "guidelines/hate-speech/HS-001.md"
HS2 = "guidelines/hate-speech/HS-002.md"
BU1 = "guidelines/bullying/BU-001.md"
BU1_BN = "guidelines/bullying/BU-001.bn.md"
POLICY = "guidelines/policy.yaml"
POLICY_BN = "guidelines/policy.bn.yaml"
