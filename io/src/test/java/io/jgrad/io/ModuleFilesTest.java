package io.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.nn.IncompatibleKeys;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.StateDicts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Module.save / Module.load through safetensors and PyTorch files, key remapping, non-strict reports. */
class ModuleFilesTest {
    @TempDir
    Path dir;

    static Sequential mlp(long seed, int out) {
        Generator g = new Generator(seed);
        Linear a = new Linear(4, 3), b = new Linear(3, out);
        a.resetParameters(g);
        b.resetParameters(g);
        return new Sequential(a, new ReLU(), b);
    }

    @Test
    void saveAndLoadAreBitExactInBothFormats() throws Exception {
        Sequential m = mlp(1, 2);
        for (String name : new String[] {"m.safetensors", "m.pt"}) {
            Path p = dir.resolve(name);
            m.save(p);
            Sequential fresh = mlp(2, 2);
            assertThat(fresh.load(p, true).isEmpty()).isTrue();
            for (Map.Entry<String, Tensor> e : m.stateDict().entrySet())
                assertThat(fresh.stateDict().get(e.getKey()).toFloatArray()).as(name + " " + e.getKey()).containsExactly(e.getValue().toFloatArray());
        }
        assertThat(Files.readAllBytes(dir.resolve("m.pt"))).startsWith('P', 'K');
    }

    @Test
    void nonStrictLoadReportsMissingUnexpectedAndMisshapedKeys() throws Exception {
        Path p = dir.resolve("m.safetensors");
        mlp(1, 2).save(p);
        Sequential wider = mlp(3, 5);                       // head 3 -> 5 instead of 3 -> 2
        wider.add(new Linear(5, 1));                        // and an extra layer
        IncompatibleKeys r = wider.load(p, false);
        assertThat(r.missingKeys()).containsExactly("3.weight", "3.bias");
        assertThat(r.unexpectedKeys()).isEmpty();
        assertThat(r.shapeMismatches()).hasSize(2).allSatisfy(s -> assertThat(s).startsWith("2."));
        assertThatThrownBy(() -> wider.load(p, true)).hasMessageContaining("Missing key(s)").hasMessageContaining("size mismatch");
        // The layers that matched were loaded.
        assertThat(wider.stateDict().get("0.weight").toFloatArray()).containsExactly(mlp(1, 2).stateDict().get("0.weight").toFloatArray());
    }

    @Test
    void keysCanBeRemappedOnLoad() throws Exception {
        Path p = dir.resolve("wrapped.safetensors");
        Sequential m = mlp(1, 2);
        // A checkpoint saved from a wrapper: every key is "backbone.<name>".
        io.jgrad.io.SafeTensors.save(p, StateDicts.addPrefix(m.stateDict(), "backbone."));
        Sequential fresh = mlp(5, 2);
        assertThat(fresh.load(p, false).unexpectedKeys()).hasSize(4);
        assertThat(fresh.load(p, true, k -> k.startsWith("backbone.") ? k.substring(9) : null).isEmpty()).isTrue();
        assertThat(fresh.stateDict().get("2.bias").toFloatArray()).containsExactly(m.stateDict().get("2.bias").toFloatArray());
        assertThat(StateDicts.stripPrefix(StateDicts.addPrefix(m.stateDict(), "x."), "x.").keySet()).containsExactlyElementsOf(m.stateDict().keySet());
    }

    @Test
    void corruptFilesAreRejectedBeforeTheModelChanges() throws Exception {
        Path p = dir.resolve("bad.safetensors");
        Files.write(p, new byte[] {1, 2, 3});
        Module m = mlp(1, 2);
        float[] before = m.stateDict().get("0.weight").toFloatArray();
        assertThatThrownBy(() -> m.load(p, true)).isInstanceOf(CheckpointFormatException.class).hasMessageContaining("bad.safetensors");
        assertThat(m.stateDict().get("0.weight").toFloatArray()).containsExactly(before);
    }
}
