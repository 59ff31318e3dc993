"""Case work: queues, SLA with stop-the-clock, notes, questions, advice and four-eyes decisions."""
