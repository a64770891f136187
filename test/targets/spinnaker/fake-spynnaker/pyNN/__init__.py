"""Test stand-in: a pyNN package holding only the fake spiNNaker module beside it."""
