package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.DType;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registration, PyTorch's dotted naming and order, traversal, modes, gradients and dtype conversion. */
class ModuleTest {
    /** A user module written the way the docs recommend. */
    static final class Net extends Module {
        final Linear fc1 = registerModule("fc1", new Linear(4, 3));
        final Sequential features = registerModule("features", new Sequential(new Linear(3, 3), new ReLU()));

        Net() {
            registerParameter("scale", Tensor.ones(3));
            registerBuffer("steps", Tensor.zeros(DType.INT64));
        }

        @Override
        public Tensor forward(Tensor x) {
            return features.forward(fc1.forward(x)).mul(parameter("scale"));
        }
    }

    @Test
    void dottedNamesFollowPyTorchOrder() {
        Net net = new Net();
        assertThat(net.namedParameters().keySet()).containsExactly("scale", "fc1.weight", "fc1.bias", "features.0.weight", "features.0.bias");
        assertThat(net.namedBuffers().keySet()).containsExactly("steps");
        assertThat(net.stateDict().keySet()).containsExactly("scale", "steps", "fc1.weight", "fc1.bias", "features.0.weight", "features.0.bias");
        assertThat(net.namedModules().keySet()).containsExactly("", "fc1", "features", "features.0", "features.1");
        assertThat(net.namedChildren().keySet()).containsExactly("fc1", "features");
        assertThat(net.children()).containsExactly(net.fc1, net.features);
        assertThat(net.modules()).hasSize(5).startsWith(net);
        assertThat(net.namedParameters(false).keySet()).containsExactly("scale");
        assertThat(net.parameters()).hasSize(5).allMatch(Tensor::requiresGrad);
        assertThat(net.buffers()).singleElement().matches(b -> !b.requiresGrad() && b.dtype() == DType.INT64);
        assertThat(net.forward(Tensor.ones(2, 4)).shape()).containsExactly(2, 3);
    }

    @Test
    void absentOptionalParametersAreSkipped() {
        Linear l = new Linear(3, 2, false);
        assertThat(l.bias()).isNull();
        assertThat(l.namedParameters().keySet()).containsExactly("weight");
        assertThat(l.stateDict().keySet()).containsExactly("weight");
    }

    @Test
    void tiedWeightsAreListedOnceButSavedUnderEveryName() {
        Linear encoder = new Linear(4, 4), decoder = new Linear(4, 4);
        decoder.registerParameter("weight", encoder.weight());
        Sequential model = new Sequential(encoder, decoder);
        assertThat(model.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "1.bias");
        assertThat(model.stateDict().keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias");
        Sequential shared = new Sequential(encoder, encoder);
        assertThat(shared.namedModules().keySet()).containsExactly("", "0");
        assertThat(shared.parameters()).hasSize(2);
    }

    @Test
    void badRegistrationsAreRejectedWithTheModuleName() {
        Net net = new Net();
        assertThatThrownBy(() -> net.registerParameter("a.b", Tensor.ones(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Net: parameter name must be non-empty and contain no '.', got 'a.b'");
        assertThatThrownBy(() -> net.registerBuffer("", Tensor.ones(1))).hasMessageContaining("buffer name must be non-empty");
        assertThatThrownBy(() -> net.registerBuffer("fc1", Tensor.ones(1)))
                .hasMessage("Net: cannot register buffer 'fc1': the name is already used by another kind of member");
        assertThatThrownBy(() -> net.registerParameter("w", Tensor.ones(DType.INT64, 2))).hasMessage("Net: parameter 'w' must be floating point, got int64");
        Tensor nonLeaf = Tensor.ones(2).requiresGrad_(true).mul(2);
        assertThatThrownBy(() -> net.registerParameter("w", nonLeaf)).hasMessageContaining("parameter 'w' must be a leaf tensor");
        assertThatThrownBy(() -> net.parameter("scal")).hasMessage("Net has no parameter 'scal' (it has: scale)");
        assertThatThrownBy(() -> net.child("fc2")).hasMessage("Net has no child module 'fc2' (it has: fc1, features)");
        assertThatThrownBy(() -> net.registerModule("self", net)).hasMessageContaining("a module cannot be its own child");
    }

    @Test
    void modulesWithoutASingleInputForwardSaySo() {
        assertThatThrownBy(() -> new ModuleList<>(new ReLU()).forward(Tensor.ones(1))).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("ModuleList does not take a single tensor: call one of its other forward methods");
        assertThatThrownBy(() -> new MSELoss().forward(Tensor.ones(1))).hasMessage("MSELoss needs a target: call forward(input, target)");
    }

    @Test
    void trainAndEvalReachEveryDescendant() {
        Net net = new Net();
        assertThat(net.modules()).allMatch(Module::isTraining);
        net.eval();
        assertThat(net.modules()).noneMatch(Module::isTraining);
        net.features.train();
        assertThat(net.isTraining()).isFalse();
        assertThat(net.features.get(1).isTraining()).isTrue();
        net.train(true);
        assertThat(net.modules()).allMatch(Module::isTraining);
    }

    @Test
    void applyVisitsChildrenBeforeTheParent() {
        Net net = new Net();
        List<String> order = new ArrayList<>();
        net.apply(m -> order.add(m.typeName()));
        assertThat(order).containsExactly("Linear", "Linear", "ReLU", "Sequential", "Net");
    }

    @Test
    void zeroGradZeroesInPlaceOrDropsTheGradients() {
        Net net = new Net();
        net.forward(Tensor.ones(2, 4)).sum().backward();
        Tensor g = net.fc1.weight().grad();
        assertThat(g).isNotNull();
        net.zeroGrad();
        assertThat(net.fc1.weight().grad()).isSameAs(g);
        assertThat(net.parameters()).allMatch(p -> p.grad() == null || p.grad().abs().sum().item() == 0);
        net.zeroGrad(true);
        assertThat(net.parameters()).allMatch(p -> p.grad() == null);
    }

    @Test
    void requiresGradFalseFreezesASubtree() {
        Net net = new Net();
        net.fc1.requiresGrad_(false);
        net.forward(Tensor.ones(2, 4)).sum().backward();
        assertThat(net.fc1.weight().grad()).isNull();
        assertThat(net.fc1.bias().grad()).isNull();
        assertThat(net.features.get(0).parameters()).allMatch(p -> p.grad() != null);
        assertThat(net.parameter("scale").grad()).isNotNull();
    }

    @Test
    void toConvertsFloatingTensorsOnly() {
        Net net = new Net();
        Tensor before = net.fc1.weight();
        net.to(DType.FLOAT64);
        assertThat(net.parameters()).allMatch(p -> p.dtype() == DType.FLOAT64 && p.requiresGrad() && p.isLeaf());
        assertThat(net.buffer("steps").dtype()).isEqualTo(DType.INT64);
        assertThat(net.fc1.weight().toDoubleArray()).containsExactly(before.toDoubleArray());
        assertThat(net.forward(Tensor.ones(DType.FLOAT64, 2, 4)).dtype()).isEqualTo(DType.FLOAT64);
        assertThatThrownBy(() -> net.to(DType.INT64)).hasMessageContaining("can only be converted to a floating dtype");
    }

    @Test
    void containersIndexAndIterate() {
        Sequential seq = new Sequential(new Linear(2, 3), new ReLU());
        assertThat(seq.size()).isEqualTo(2);
        assertThat(seq.get(-1)).isInstanceOf(ReLU.class);
        assertThatThrownBy(() -> seq.get(2)).hasMessage("Sequential: index 2 out of range for 2 modules");
        LinkedHashMap<String, Module> named = new LinkedHashMap<>();
        named.put("encoder", new Linear(2, 2));
        named.put("act", new Tanh());
        assertThat(new Sequential(named).namedParameters().keySet()).containsExactly("encoder.weight", "encoder.bias");

        ModuleList<Linear> layers = new ModuleList<>(new Linear(2, 2), new Linear(2, 2));
        int in = 0;
        for (Linear l : layers) in += l.inFeatures();
        assertThat(in).isEqualTo(4);
        assertThat(layers.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias");

        ModuleDict<Module> dict = new ModuleDict<>().put("relu", new ReLU()).put("proj", new Linear(2, 1));
        assertThat(dict.keySet()).containsExactly("relu", "proj");
        assertThat(dict.namedParameters().keySet()).containsExactly("proj.weight", "proj.bias");
        assertThatThrownBy(() -> dict.get("tanh")).hasMessage("ModuleDict has no key 'tanh' (keys: relu, proj)");
    }

    @Test
    void parametersWorkUnderNoGradInit() {
        Linear l = new Linear(3, 2);
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            l.weight().fill_(0.5);
        }
        assertThat(l.weight().toDoubleArray()).containsOnly(0.5);
        assertThat(l.weight().isLeaf()).isTrue();
    }
}
