"""Answers -> assessment: loading and checking answers, scoring, named methods, roadmap."""
