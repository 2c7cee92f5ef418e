"""Qantar Claims: the engine that turns sources and claim records into a claims site."""
