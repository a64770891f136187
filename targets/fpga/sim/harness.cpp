// Verilator harness of the dynalign core: loads the memory images over the register bus (or
// checks that the bitstream images booted, with --boot), runs every input frame by frame and
// prints each layer's spikes and each step's cycles for `dynalign verify --rtl` to compare.
#include "Vdl_accel.h"
#include "verilated.h"
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

static Vdl_accel* top;
static uint64_t ticks = 0;
static const uint64_t STEP_LIMIT = 100000000ULL;  // cycles one step may take before we give up

static void tick() {
  top->clk = 0;
  top->eval();
  top->clk = 1;
  top->eval();
  ticks++;
}

static void busWrite(uint32_t addr, uint32_t data) {
  top->bus_we = 1;
  top->bus_addr = addr;
  top->bus_wdata = data;
  tick();
  top->bus_we = 0;
}

static uint32_t busRead(uint32_t addr) {
  top->bus_re = 1;
  top->bus_addr = addr;
  tick();
  top->bus_re = 0;
  top->eval();
  return top->bus_rdata;
}

[[noreturn]] static void fail(int code, const std::string& msg) {
  std::fprintf(stderr, "dynalign-harness: %s\n", msg.c_str());
  std::exit(code);
}

// A $readmemh image: one hex word per line ('//' comments and blank lines skipped); its word
// width is four bits per hex digit.
struct Image {
  std::vector<uint32_t> words;
  unsigned bits = 0;
};

static Image readHex(const std::string& path) {
  std::ifstream f(path);
  if (!f) fail(3, "missing memory image " + path);
  Image img;
  std::string line;
  while (std::getline(f, line)) {
    size_t c = line.find("//");
    if (c != std::string::npos) line = line.substr(0, c);
    size_t a = line.find_first_not_of(" \t\r");
    if (a == std::string::npos) continue;
    size_t b = line.find_last_not_of(" \t\r");
    img.bits = 4 * (unsigned)(b - a + 1);
    img.words.push_back((uint32_t)std::strtoul(line.c_str() + a, nullptr, 16));
  }
  if (img.words.empty()) fail(3, "memory image " + path + " is empty");
  return img;
}

// Write an image at a bus address (unless the design booted it) and read every word back.
static void load(uint32_t base, const Image& img, bool boot, const char* name) {
  const std::vector<uint32_t>& words = img.words;
  uint32_t mask = img.bits >= 32 ? 0xffffffffu : ((1u << img.bits) - 1u);
  if (!boot) for (size_t i = 0; i < words.size(); i++) busWrite(base + (uint32_t)i, words[i]);
  for (size_t i = 0; i < words.size(); i++) {
    uint32_t got = busRead(base + (uint32_t)i) & mask;
    if (got != words[i]) {
      char msg[160];
      std::snprintf(msg, sizeof msg, "%s word %zu reads back 0x%08x, image has 0x%08x", name, i,
                    got, words[i]);
      fail(4, msg);
    }
  }
}

int main(int argc, char** argv) {
  if (argc < 4) fail(2, "usage: harness IMAGE_DIR INPUTS.bin TRACE.txt [--boot]");
  std::string dir = argv[1];
  bool boot = argc > 4 && std::strcmp(argv[4], "--boot") == 0;
  Verilated::commandArgs(argc, argv);
  top = new Vdl_accel;

  // Reset, then wait for the core to copy its parameter memory into the layer table.
  top->rst = 1;
  tick();
  tick();
  top->rst = 0;
  while (top->busy) tick();
  if (busRead(0x00000) != 0x444C4331u) fail(4, "ID register does not read DLC1");

  Image paramsImg = readHex(dir + "/params.hex");
  Image wmem = readHex(dir + "/wmem.hex");
  Image bmem = readHex(dir + "/bmem.hex");
  // params.hex is padded to whole EBR columns; the CSRs take CONFIG, NLAYERS and 8 per layer.
  if (paramsImg.words.size() < 2) fail(3, "params.hex is too short");
  paramsImg.words.resize(std::min<size_t>(paramsImg.words.size(), 2 + 8 * paramsImg.words[1]));
  const std::vector<uint32_t>& params = paramsImg.words;
  load(0x00010, paramsImg, boot, "params");
  load(0x20000, wmem, boot, "WMEM");
  load(0x30000, bmem, boot, "BMEM");
  unsigned nLayers = params[1];
  unsigned nIn = params[2] & 0xffff;
  unsigned nOutLast = params[2 + 8 * (nLayers - 1)] >> 16;

  // Inputs: "DLIN", n, steps, channels (u32 little-endian), then int8 codes.
  std::ifstream in(argv[2], std::ios::binary);
  if (!in) fail(3, std::string("missing inputs file ") + argv[2]);
  char magic[4];
  uint32_t hdr[3];
  in.read(magic, 4);
  in.read(reinterpret_cast<char*>(hdr), sizeof hdr);
  if (!in || std::memcmp(magic, "DLIN", 4) != 0) fail(3, "inputs file has no DLIN header");
  uint32_t n = hdr[0], steps = hdr[1], channels = hdr[2];
  if (channels != nIn) fail(3, "inputs have a different channel count than layer 0");
  std::vector<int8_t> codes((size_t)n * steps * channels);
  in.read(reinterpret_cast<char*>(codes.data()), (std::streamsize)codes.size());
  if (!in) fail(3, "inputs file is shorter than its header says");

  FILE* out = std::fopen(argv[3], "w");
  if (!out) fail(3, std::string("cannot write ") + argv[3]);
  busWrite(0x00002, 0xC);  // CLEAR_COUNTERS | CLEAR_STATUS
  std::vector<std::vector<unsigned>> spikes(nLayers);
  for (uint32_t i = 0; i < n; i++) {
    for (uint32_t t = 0; t < steps; t++) {
      const int8_t* frame = &codes[((size_t)i * steps + t) * channels];
      for (uint32_t c = 0; c < channels; c++) busWrite(0x10000 | c, (uint8_t)frame[c]);
      for (auto& s : spikes) s.clear();

      // Start the step and count the cycles the core is busy, watching the spike port.
      busWrite(0x00002, t == 0 ? 0x3 : 0x1);
      uint64_t cycles = 0;
      while (top->busy) {
        tick();
        cycles++;
        if (top->dbg_spike) {
          if (top->dbg_layer >= nLayers) fail(4, "spike port names a layer that does not exist");
          spikes[top->dbg_layer].push_back(top->dbg_neuron);
        }
        if (cycles > STEP_LIMIT) fail(5, "a step did not finish");
      }
      uint32_t regCycles = busRead(0x00004);
      for (unsigned l = 0; l < nLayers; l++) {
        std::fprintf(out, "S %u %u %u %zu", i, t, l, spikes[l].size());
        for (unsigned x : spikes[l]) std::fprintf(out, " %u", x);
        std::fputc('\n', out);
      }
      std::fprintf(out, "O %u %u", i, t);
      for (unsigned w = 0; w * 32 < nOutLast; w++) {
        uint32_t bits = busRead(0x00100 + w);
        for (unsigned b = 0; b < 32; b++) if (bits >> b & 1u) std::fprintf(out, " %u", w * 32 + b);
      }
      std::fprintf(out, "\nC %u %u %llu %u\n", i, t, (unsigned long long)cycles, regCycles);
    }
  }
  std::fprintf(out, "T %u %u %u %u %u\n", busRead(0x00005), busRead(0x00006), busRead(0x00007),
               busRead(0x00008), busRead(0x00009));
  std::fclose(out);
  std::fprintf(stderr, "dynalign-harness: %u inputs, %llu clock cycles simulated\n", n,
               (unsigned long long)ticks);
  top->final();
  delete top;
  return 0;
}
