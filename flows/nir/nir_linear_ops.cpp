#include "flows/nir/nir_linear_ops.hpp"

#include <cmath>
#include <cstdio>

#include "flows/nir/hdf5_file.hpp"

namespace axomesh::flows {
namespace {

constexpr int64_t kMaxInteger = static_cast<int64_t>(kMaxNirElements);  // strides, paddings, dims

std::string number(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", x);
  return text;
}

// a * b, or UINT64_MAX when that overflows.
uint64_t saturating_product(uint64_t a, uint64_t b) { return b != 0 && a > UINT64_MAX / b ? UINT64_MAX : a * b; }

class OpBuilder {
 public:
  OpBuilder(const std::string& file, const NirNode& node, const std::vector<uint64_t>& in_shape, double dt)
      : file_(file), node_(node), in_shape_(in_shape), in_size_(element_count(in_shape)), dt_(dt) {}

  LinearOp build() {
    const std::string& t = node_.type;
    if (t == "Input" || t == "Output") return identity(in_shape_);
    if (t == "Flatten") return flatten();
    if (t == "Scale" || t == "Delay") return elementwise(t == "Delay");
    if (t == "Affine" || t == "Linear") return affine();
    if (t == "Conv1d" || t == "Conv2d") return convolution(t == "Conv1d" ? 1 : 2);
    return pooling(t == "AvgPool2d");
  }

 private:
  [[noreturn]] void fail(const std::string& param, const std::string& message) const {
    fail_at_node(file_, node_, param, "NIR-0105", message);
  }
  [[noreturn]] void fail_range(const std::string& param, const std::string& message) const {
    fail_at_node(file_, node_, param, "NIR-0108", message);
  }

  // Outputs beyond a population's size, or more terms than a projection may hold, fail
  // before anything is allocated.
  void check_output(const std::vector<uint64_t>& out_shape, uint64_t terms_per_output, const char* param) const {
    const uint64_t n = element_count(out_shape);
    if (n > kMaxNirElements)
      fail_range(param, "expected an output of at most " + std::to_string(kMaxNirElements) + " elements, found shape " +
                            describe_shape(out_shape));
    if (saturating_product(n, terms_per_output) > model::limits::kMaxSynapses)
      fail_range(param, "expected at most " + std::to_string(model::limits::kMaxSynapses) +
                            " weights once expanded, found an output of shape " + describe_shape(out_shape) + " with " +
                            std::to_string(terms_per_output) + " inputs each");
  }

  // A weight with no zero-sized axis (so each axis is at most its element count).
  const NirArray* weight() const {
    const NirArray* w = node_.param("weight");
    if (!w) fail("weight", "expected the parameter \"weight\", found none");
    for (uint64_t d : w->shape)
      if (d == 0) fail_range("weight", "expected a weight with no empty axis, found shape " + describe_shape(w->shape));
    return w;
  }

  // A parameter's values; `count` > 0 requires that many (a scalar is repeated).
  std::vector<double> values(const char* key, std::size_t count, std::vector<double> fallback = {}) const {
    const NirArray* a = node_.param(key);
    if (!a) {
      if (fallback.empty()) fail(key, std::string("expected the parameter \"") + key + "\", found none");
      return fallback.size() == 1 && count > 1 ? std::vector<double>(count, fallback[0]) : fallback;
    }
    if (count == 0 || a->size() == count) return a->values;
    if (a->size() == 1) return std::vector<double>(count, a->values[0]);
    fail(key, "expected " + std::to_string(count) + " values (or one), found shape " + describe_shape(a->shape));
  }

  // Integers in lo..hi, checked before they are cast.
  std::vector<int64_t> integers(const char* key, std::size_t count, int64_t lo, int64_t hi, int64_t fallback,
                                bool has_fallback = true) const {
    std::vector<int64_t> out;
    for (double v : values(key, count, has_fallback ? std::vector<double>{static_cast<double>(fallback)} : std::vector<double>{})) {
      if (!(v >= static_cast<double>(lo) && v <= static_cast<double>(hi)) || v != std::floor(v))
        fail_range(key, "expected integers in " + std::to_string(lo) + ".." + std::to_string(hi) + ", found " + number(v));
      out.push_back(static_cast<int64_t>(v));
    }
    return out;
  }

  LinearOp identity(const std::vector<uint64_t>& out_shape) const {
    LinearOp op;
    op.out_shape = out_shape;
    op.rows.resize(in_size_);
    for (uint32_t o = 0; o < in_size_; ++o) op.rows[o] = {{o, 0, 1.0}};
    return op;
  }

  LinearOp flatten() const {
    const auto rank = static_cast<int64_t>(in_shape_.size());
    int64_t start = integers("start_dim", 1, -64, 64, 0)[0];
    int64_t end = integers("end_dim", 1, -64, 64, -1)[0];
    if (start < 0) start += rank;
    if (end < 0) end += rank;
    if (rank == 0) return identity({1});
    if (start < 0 || end >= rank || start > end)
      fail("start_dim", "expected dims within an input of shape " + describe_shape(in_shape_) + ", found start_dim " +
                            std::to_string(start) + " and end_dim " + std::to_string(end));
    std::vector<uint64_t> out(in_shape_.begin(), in_shape_.begin() + start);
    uint64_t merged = 1;
    for (int64_t d = start; d <= end; ++d) merged *= in_shape_[static_cast<std::size_t>(d)];
    out.push_back(merged);
    out.insert(out.end(), in_shape_.begin() + end + 1, in_shape_.end());
    return identity(out);
  }

  LinearOp elementwise(bool is_delay) const {
    const char* key = is_delay ? "delay" : "scale";
    const std::vector<double> v = values(key, in_size_);
    LinearOp op = identity(in_shape_);
    for (uint32_t o = 0; o < in_size_; ++o) {
      if (!is_delay) {
        op.rows[o][0].weight = v[o];
        continue;
      }
      if (!(v[o] >= 0) || !std::isfinite(v[o]))
        fail(key, "expected delays of 0 s or more, found " + std::to_string(v[o]));
      const double steps = std::round(v[o] / dt_);
      if (!(steps <= static_cast<double>(kMaxNirDelaySteps)))
        fail_range(key, "expected delays of at most " + std::to_string(kMaxNirDelaySteps) + " steps of " + number(dt_) +
                            " s, found " + number(v[o]) + " s (" + number(steps) + " steps)");
      op.rows[o][0].delay = static_cast<uint32_t>(steps);
    }
    return op;
  }

  LinearOp affine() const {
    const NirArray* w = weight();
    if (w->shape.size() != 2) fail("weight", "expected a 2-D weight (out, in), found shape " + describe_shape(w->shape));
    const uint64_t outs = w->shape[0], ins = w->shape[1];
    // The map applies to the last axis; leading axes (if any) are independent blocks.
    const bool flat = in_size_ == ins;
    if (!flat && (in_shape_.empty() || in_shape_.back() != ins))
      fail("weight", "expected an input of " + std::to_string(ins) + " elements (the weight's second axis), found shape " +
                         describe_shape(in_shape_));
    const uint64_t blocks = flat ? 1 : in_size_ / ins;
    LinearOp op;
    op.out_shape = flat ? std::vector<uint64_t>{outs} : in_shape_;
    if (!flat) op.out_shape.back() = outs;
    check_output(op.out_shape, ins, "weight");
    op.rows.resize(blocks * outs);
    const std::vector<double> bias = node_.type == "Affine" ? values("bias", outs) : std::vector<double>(outs, 0.0);
    for (uint64_t b = 0; b < blocks; ++b)
      for (uint64_t o = 0; o < outs; ++o) {
        auto& row = op.rows[b * outs + o];
        for (uint64_t i = 0; i < ins; ++i)
          if (const double x = w->values[o * ins + i]; x != 0.0) row.push_back({static_cast<uint32_t>(b * ins + i), 0, x});
        if (node_.type == "Affine") op.bias.push_back(bias[o]);
      }
    return op;
  }

  // The input as (channels, spatial...): a flat input is reshaped with input_shape.
  std::vector<uint64_t> spatial_input(std::size_t dims, uint64_t channels) const {
    if (in_shape_.size() == dims + 1) return in_shape_;
    if (const NirArray* s = node_.param("input_shape"); s && s->size() == dims) {
      std::vector<uint64_t> shape{channels};
      for (uint64_t d : shape_param(file_, node_, "input_shape")) shape.push_back(d);
      if (element_count(shape) == in_size_) return shape;
    }
    fail("", "expected an input of shape (C, " + std::string(dims == 2 ? "H, W" : "L") + "), found shape " +
                 describe_shape(in_shape_));
  }

  LinearOp convolution(std::size_t dims) const {
    const NirArray* w = weight();
    if (w->shape.size() != dims + 2)
      fail("weight", "expected a " + std::to_string(dims + 2) + "-D weight (C_out, C_in/groups, kernel...), found shape " +
                         describe_shape(w->shape));
    const uint64_t c_out = w->shape[0], c_in_group = w->shape[1];
    const int64_t groups = integers("groups", 1, 1, kMaxInteger, 1)[0];
    if (c_out % static_cast<uint64_t>(groups) != 0)
      fail("groups", "expected a group count dividing C_out = " + std::to_string(c_out) + ", found " + std::to_string(groups));
    const std::vector<uint64_t> in = spatial_input(dims, c_in_group * static_cast<uint64_t>(groups));
    if (in[0] != c_in_group * static_cast<uint64_t>(groups))
      fail("weight", "expected " + std::to_string(in[0]) + " input channels (C_in/groups = " +
                         std::to_string(in[0] / static_cast<uint64_t>(groups)) + "), found a weight of shape " +
                         describe_shape(w->shape));
    const std::vector<int64_t> stride = integers("stride", dims, 1, kMaxInteger, 1);
    const std::vector<int64_t> dilation = integers("dilation", dims, 1, kMaxInteger, 1);
    // Weight axes are at most its element count, so these products stay far inside int64.
    std::vector<int64_t> kernel(dims), pad(dims, 0), pad_hi(dims, 0), size(dims), out_size(dims);
    for (std::size_t d = 0; d < dims; ++d) {
      kernel[d] = static_cast<int64_t>(w->shape[2 + d]);
      size[d] = static_cast<int64_t>(in[1 + d]);
    }
    auto text = node_.text_params.find("padding");
    if (text != node_.text_params.end()) {
      if (text->second != "same" && text->second != "valid")
        fail("padding", "expected \"same\", \"valid\" or integers, found \"" + text->second + "\"");
      // "same" pads d*(k-1) in all, the odd one at the end (as PyTorch does for even kernels).
      for (std::size_t d = 0; d < dims; ++d) {
        const int64_t total = text->second == "same" ? dilation[d] * (kernel[d] - 1) : 0;
        pad[d] = total / 2;
        pad_hi[d] = total - pad[d];
      }
    } else {
      pad = pad_hi = integers("padding", dims, 0, kMaxInteger, 0);
    }
    for (std::size_t d = 0; d < dims; ++d) {
      out_size[d] = (size[d] + pad[d] + pad_hi[d] - dilation[d] * (kernel[d] - 1) - 1) / stride[d] + 1;
      if (size[d] + pad[d] + pad_hi[d] - dilation[d] * (kernel[d] - 1) - 1 < 0)
        fail("weight", "the kernel does not fit the input of shape " + describe_shape(in));
    }
    const std::vector<double> bias = values("bias", c_out);
    LinearOp op;
    op.out_shape = {c_out};
    for (int64_t s : out_size) op.out_shape.push_back(static_cast<uint64_t>(s));
    check_output(op.out_shape, element_count(w->shape) / c_out, "weight");
    const int64_t oh = out_size[0], ow = dims == 2 ? out_size[1] : 1;
    const int64_t ih = size[0], iw = dims == 2 ? size[1] : 1;
    const int64_t kh = kernel[0], kw = dims == 2 ? kernel[1] : 1;
    const uint64_t per_group = c_out / static_cast<uint64_t>(groups);
    op.rows.resize(element_count(op.out_shape));
    op.bias.resize(op.rows.size());
    for (uint64_t co = 0; co < c_out; ++co)
      for (int64_t y = 0; y < oh; ++y)
        for (int64_t x = 0; x < ow; ++x) {
          const uint64_t o = (co * static_cast<uint64_t>(oh) + static_cast<uint64_t>(y)) * static_cast<uint64_t>(ow) +
                             static_cast<uint64_t>(x);
          op.bias[o] = bias[co];
          for (uint64_t k = 0; k < c_in_group; ++k) {
            const uint64_t ci = (co / per_group) * c_in_group + k;
            for (int64_t ky = 0; ky < kh; ++ky)
              for (int64_t kx = 0; kx < kw; ++kx) {
                const int64_t iy = y * stride[0] - pad[0] + ky * dilation[0];
                const int64_t ix = dims == 2 ? x * stride[1] - pad[1] + kx * dilation[1] : 0;
                if (iy < 0 || iy >= ih || ix < 0 || ix >= iw) continue;
                const double weight = w->values[((co * c_in_group + k) * static_cast<uint64_t>(kh) + static_cast<uint64_t>(ky)) *
                                                    static_cast<uint64_t>(kw) + static_cast<uint64_t>(kx)];
                if (weight == 0.0) continue;
                const uint64_t i = (ci * static_cast<uint64_t>(ih) + static_cast<uint64_t>(iy)) * static_cast<uint64_t>(iw) +
                                   static_cast<uint64_t>(ix);
                op.rows[o].push_back({static_cast<uint32_t>(i), 0, weight});
              }
          }
        }
    return op;
  }

  LinearOp pooling(bool average) const {
    if (in_shape_.size() != 3) fail("", "expected an input of shape (C, H, W), found shape " + describe_shape(in_shape_));
    const std::vector<int64_t> kernel = integers("kernel_size", 2, 1, kMaxInteger, 0, false);
    const std::vector<int64_t> stride = node_.param("stride") ? integers("stride", 2, 1, kMaxInteger, 1) : kernel;
    const std::vector<int64_t> pad = integers("padding", 2, 0, kMaxInteger, 0);
    const auto c = static_cast<int64_t>(in_shape_[0]), ih = static_cast<int64_t>(in_shape_[1]),
               iw = static_cast<int64_t>(in_shape_[2]);
    if (ih + 2 * pad[0] < kernel[0] || iw + 2 * pad[1] < kernel[1])
      fail("kernel_size", "the kernel does not fit the input of shape " + describe_shape(in_shape_));
    const int64_t oh = (ih + 2 * pad[0] - kernel[0]) / stride[0] + 1, ow = (iw + 2 * pad[1] - kernel[1]) / stride[1] + 1;
    // Average pooling divides by the whole window, padding included (PyTorch's default).
    const double weight = average ? 1.0 / static_cast<double>(kernel[0] * kernel[1]) : 1.0;
    LinearOp op;
    op.out_shape = {static_cast<uint64_t>(c), static_cast<uint64_t>(oh), static_cast<uint64_t>(ow)};
    check_output(op.out_shape, static_cast<uint64_t>(kernel[0]) * static_cast<uint64_t>(kernel[1]), "kernel_size");
    op.rows.resize(element_count(op.out_shape));
    for (int64_t ch = 0; ch < c; ++ch)
      for (int64_t y = 0; y < oh; ++y)
        for (int64_t x = 0; x < ow; ++x) {
          auto& row = op.rows[static_cast<std::size_t>((ch * oh + y) * ow + x)];
          for (int64_t ky = 0; ky < kernel[0]; ++ky)
            for (int64_t kx = 0; kx < kernel[1]; ++kx) {
              const int64_t iy = y * stride[0] - pad[0] + ky, ix = x * stride[1] - pad[1] + kx;
              if (iy >= 0 && iy < ih && ix >= 0 && ix < iw)
                row.push_back({static_cast<uint32_t>((ch * ih + iy) * iw + ix), 0, weight});
            }
        }
    return op;
  }

  const std::string& file_;
  const NirNode& node_;
  const std::vector<uint64_t>& in_shape_;
  uint64_t in_size_;
  double dt_;
};

}  // namespace

bool is_linear_nir_type(const NirNode& node) {
  static const char* const kTypes[] = {"Affine", "Linear", "Scale", "Delay", "Flatten",
                                       "Conv1d", "Conv2d", "SumPool2d", "AvgPool2d"};
  if (node.is_pass_through()) return true;
  for (const char* t : kTypes)
    if (node.type == t) return true;
  return false;
}

std::vector<uint64_t> shape_param(const std::string& file, const NirNode& node, const std::string& key) {
  const NirArray* a = node.param(key);
  if (!a) fail_at_node(file, node, key, "NIR-0108", "expected the shape parameter \"" + key + "\", found none");
  std::vector<uint64_t> shape;
  uint64_t product = 1;
  for (double d : a->values) {
    if (!(d >= 1 && d <= static_cast<double>(kMaxNirElements)) || d != std::floor(d))
      fail_at_node(file, node, key, "NIR-0108",
                   "expected sizes that are integers in 1.." + std::to_string(kMaxNirElements) + ", found " + number(d));
    shape.push_back(static_cast<uint64_t>(d));
    product *= shape.back();  // both factors <= 2^24: no overflow
    if (product > kMaxNirElements)
      fail_at_node(file, node, key, "NIR-0108",
                   "expected at most " + std::to_string(kMaxNirElements) + " elements in all, found a shape whose product exceeds that");
  }
  return shape;
}

LinearOp make_linear_op(const std::string& file, const NirNode& node, const std::vector<uint64_t>& in_shape, double dt) {
  return OpBuilder(file, node, in_shape, dt).build();
}

}  // namespace axomesh::flows
