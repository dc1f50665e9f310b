"""The tool's rules on plain data: the action plan, the follow-ups and how far each step
has come."""
