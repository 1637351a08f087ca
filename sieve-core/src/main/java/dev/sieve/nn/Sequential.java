package dev.sieve.nn;

import dev.sieve.autograd.Variable;
import java.util.ArrayList;
import java.util.List;

/** Applies its layers in order; children are named "0", "1", ... as in PyTorch. */
public final class Sequential extends Layer {
    private final List<Layer> layers = new ArrayList<>();

    public Sequential(Layer... layers) {
        for (Layer l : layers) add(l);
    }

    public Sequential add(Layer layer) {
        registerModule(Integer.toString(layers.size()), layer);
        layers.add(layer);
        return this;
    }

    public Layer get(int i) {
        return layers.get(i);
    }

    public int size() {
        return layers.size();
    }

    @Override
    public Variable forward(Variable x) {
        for (Layer l : layers) x = l.forward(x);
        return x;
    }
}
