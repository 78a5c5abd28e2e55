package org.samdp.experiments.importer;

import org.samdp.experiments.torch.Tensor;

/**
 * ATLA's recurrent network computed here in double precision from a state dict, as the authors' code defines it:
 * embedding (no activation), one LSTM layer (gates i, f, g, o), linear head; from a zero state.
 */
final class LstmReference {
  private LstmReference() {}

  /** The head's outputs at every step of {@code inputs}. */
  static double[][] outputs(StateDict dict, String head, double[][] inputs) {
    int hidden = (int) dict.tensor("lstm.weight_hh_l0").shape()[1];
    double[] h = new double[hidden];
    double[] c = new double[hidden];
    double[][] outputs = new double[inputs.length][];
    for (int t = 0; t < inputs.length; t++) {
      double[] embedded = affine(dict, "embedding_layer", inputs[t]);
      double[] gates = affine(dict.tensor("lstm.weight_ih_l0"), dict.tensor("lstm.bias_ih_l0"), embedded);
      double[] recurrent = affine(dict.tensor("lstm.weight_hh_l0"), dict.tensor("lstm.bias_hh_l0"), h);
      for (int j = 0; j < hidden; j++) {
        double input = sigmoid(gates[j] + recurrent[j]);
        double forget = sigmoid(gates[hidden + j] + recurrent[hidden + j]);
        double cell = Math.tanh(gates[2 * hidden + j] + recurrent[2 * hidden + j]);
        double output = sigmoid(gates[3 * hidden + j] + recurrent[3 * hidden + j]);
        c[j] = forget * c[j] + input * cell;
        h[j] = output * Math.tanh(c[j]);
      }
      outputs[t] = affine(dict, head, h);
    }
    return outputs;
  }

  private static double[] affine(StateDict dict, String layer, double[] x) {
    return affine(dict.tensor(layer + ".weight"), dict.tensor(layer + ".bias"), x);
  }

  private static double[] affine(Tensor weight, Tensor bias, double[] x) {
    float[] w = weight.values();
    float[] b = bias.values();
    double[] y = new double[b.length];
    for (int r = 0; r < b.length; r++) {
      double sum = b[r];
      for (int k = 0; k < x.length; k++) {
        sum += (double) w[r * x.length + k] * x[k];
      }
      y[r] = sum;
    }
    return y;
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
