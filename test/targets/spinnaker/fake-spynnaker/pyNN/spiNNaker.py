"""A stand-in for sPyNNaker 7.x's pyNN.spiNNaker, for tests of dynalign's run_pynn.py.

It simulates no neurons. It holds the script to the parts of sPyNNaker 7.x's API that a board
run depends on, as read in SpiNNakerManchester/sPyNNaker (paths below), and logs what a board
would see to the JSON file named by FAKE_SPYNNAKER_LOG:
- set_number_of_neurons_per_core takes a model class and refuses once a Population exists
  (spynnaker/pyNN/__init__.py; AbstractPyNNModel.verify_may_set);
- current-source times become ticks by int(t_ms * ticks_per_ms), truncating
  (models/current_sources/step_current_source.py, dc_source.py);
- StepCurrentSource.set_parameters wants sequences and re-converts times; DCSource.set_parameters
  stores start and stop as given, in no unit conversion (dc_source.py);
- the step source's C code takes times[index] with no bound check and keeps its index across a
  reset unless the source was reloaded by set_parameters (current_source_step.h);
- a DC source is on for start <= tick < stop (current_source_dc.h);
- FromList weights go in as magnitudes, the receptor decides the sign (synapse_dynamics_static);
- each reset opens a Neo segment; spike trains carry source_index (utilities/neo_csv.py).
Spikes are invented: in segment k, neuron k % size of each population spikes at tick 2, and the
trains are listed in reverse order so that only source_index gives the neuron.
"""
import collections.abc
import json
import os

import numpy as np

_STATE = {"dt": None, "populations": [], "log": {"calls": [], "runs": [], "errors": []}}


def _fail(message):
    _STATE["log"]["errors"].append(message)
    raise RuntimeError("fake sPyNNaker: " + message)


def _ticks(times):
    per_ms = 1000.0 / round(_STATE["dt"] * 1000)
    return [int(t * per_ms) for t in times]


def setup(timestep=1.0, **_):
    _STATE["dt"] = float(timestep)
    _STATE["log"]["calls"].append("setup")


class _Model:
    max_atoms = None

    def __init__(self, **params):
        self.params = params


class IF_curr_delta(_Model):
    pass


class IF_curr_exp(_Model):
    pass


class SpikeSourceArray(_Model):
    pass


def set_number_of_neurons_per_core(neuron_type, max_permitted):
    if not isinstance(neuron_type, type):
        _fail("set_number_of_neurons_per_core expects the model class")
    if _STATE["populations"]:
        _fail("set_number_of_neurons_per_core after a Population was created")
    neuron_type.max_atoms = int(max_permitted)
    _STATE["log"]["calls"].append("set_number_of_neurons_per_core")


class _Train:
    def __init__(self, times_ms, index):
        self.magnitude = np.asarray(times_ms, dtype=float)
        self.annotations = {"source_index": index, "source_id": 1000 + index}

    def rescale(self, unit):
        return self


class _Segment:
    def __init__(self, trains):
        self.spiketrains = trains


class _Block:
    def __init__(self, segments):
        self.segments = segments


class _View:
    def __init__(self, pop, indices):
        self.pop = pop
        self.indices = indices

    def inject(self, source):
        source.neurons = [(self.pop.number, i) for i in self.indices]
        _STATE["log"]["calls"].append("inject")


class Population:
    def __init__(self, size, celltype, label=None):
        self.size = size
        self.celltype = celltype
        self.number = len(_STATE["populations"])
        self.is_source = isinstance(celltype, SpikeSourceArray)
        _STATE["populations"].append(self)
        _STATE["log"]["calls"].append("Population")

    def __getitem__(self, item):
        return _View(self, list(range(self.size))[item])

    def initialize(self, **values):
        pass

    def record(self, variables):
        if variables != "spikes":
            _fail("unexpected recording " + repr(variables))

    def set(self, **params):
        self.celltype.params.update(params)

    def get_data(self, variables):
        n_segments = len(_STATE["log"]["runs"])
        dt = _STATE["dt"]
        return _Block([
            _Segment([_Train([2 * dt] if i == k % self.size else [], i)
                      for i in reversed(range(self.size))])
            for k in range(n_segments)])


class FromListConnector:
    def __init__(self, conn_list):
        self.conn_list = conn_list


def Projection(pre, post, connector, receptor_type="excitatory", label=None):
    weights = [row[2] for row in connector.conn_list]
    if any(w < 0 for w in weights):
        _fail("negative weight in a FromList projection: sPyNNaker keeps only its magnitude")
    _STATE["log"]["calls"].append("Projection:" + receptor_type)


class StepCurrentSource:
    def __init__(self, times=(), amplitudes=()):
        if len(times) != len(amplitudes):
            _fail("StepCurrentSource lengths differ")
        self.times = _ticks(times)
        self.amplitudes = list(amplitudes)
        self.index = 0
        self.last = 0.0
        self.neurons = []
        _SOURCES.append(self)

    def inject_into(self, cells):
        cells.inject(self)

    def set_parameters(self, **params):
        for key, value in params.items():
            if not isinstance(value, collections.abc.Sequence):
                _fail("StepCurrentSource.set_parameters wants a sequence for " + key)
            if key == "times":
                self.times = _ticks(value)
            else:
                self.amplitudes = list(value)
        self.index = 0
        self.last = 0.0

    def offset(self, tick):
        if self.index >= len(self.times):
            _fail("step source read times[%d] past its %d entries at tick %d"
                  % (self.index, len(self.times), tick))
        if tick >= self.times[self.index]:
            self.last = self.amplitudes[self.index]
            self.index += 1
        return self.last


class DCSource:
    def __init__(self, amplitude=0.0, start=0.0, stop=0.0):
        self.amplitude = amplitude
        self.start, self.stop = _ticks([start, stop])
        self.neurons = []
        _SOURCES.append(self)

    def inject_into(self, cells):
        cells.inject(self)

    def set_parameters(self, **params):
        for key, value in params.items():
            setattr(self, key, value)

    def offset(self, tick):
        return self.amplitude if self.start <= tick < self.stop else 0.0


_SOURCES = []


def run(time_ms):
    ticks = int(round(time_ms / _STATE["dt"]))
    drive = {}
    for source in _SOURCES:
        kind = type(source).__name__
        for tick in range(ticks):
            amp = source.offset(tick)
            for pop, neuron in source.neurons:
                drive.setdefault("%s/%d/%d" % (kind, pop, neuron), []).append(amp)
    _STATE["log"]["runs"].append({"ticks": ticks, "drive": drive})


def reset():
    _STATE["log"]["calls"].append("reset")


def end():
    with open(os.environ["FAKE_SPYNNAKER_LOG"], "w") as f:
        json.dump(_STATE["log"], f)
