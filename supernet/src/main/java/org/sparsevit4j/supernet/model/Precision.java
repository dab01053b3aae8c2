package org.sparsevit4j.supernet.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.initializer.Initializer;
import java.util.Locale;
import java.util.Optional;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.supernet.engine.JniFeatures;

/**
 * The floating-point type a model runs inference in ({@code --dtype f32|f16|bf16}).
 *
 * <p>The convention is PyTorch's {@code model.half()} / {@code model.bfloat16()}: parameters and
 * activations are all of this type, weights are cast when they are loaded, the input is cast at the
 * backbone's entry. Layer norm and softmax take and return this type and accumulate in float32
 * inside libtorch's kernels (their {@code acc_type}), as they do for torchvision run in half
 * precision; nothing is upcast around them (that would be autocast's convention, which returns
 * float32 from both). Training stays in float32.
 */
public enum Precision {
    F32(DataType.FLOAT32),
    F16(DataType.FLOAT16),
    BF16(DataType.BFLOAT16);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    public DataType dataType() {
        return dataType;
    }

    /** {@code f32}, {@code f16} or {@code bf16}, as {@code --dtype} takes it. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The precision named {@code text} ({@code f32}, {@code f16}, {@code bf16}; also {@code fp16},
     * {@code float16}, {@code bfloat16}, {@code fp32}, {@code float32}).
     */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static Precision parse(String text) {
        String name = text == null ? "f32" : text.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "f32", "fp32", "float32" -> F32;
            case "f16", "fp16", "float16", "half" -> F16;
            case "bf16", "bfloat16" -> BF16;
            default -> throw new InvalidInputException("--dtype " + text + " is not one of f32, f16, bf16");
        };
    }

    /** The precision of a model's parameters. */
    public static Precision of(DataType type) {
        for (Precision p : values()) {
            if (p.dataType == type) {
                return p;
            }
        }
        throw new InvalidInputException("a model in " + type + " is not supported; it runs in f32, f16 or bf16");
    }

    /**
     * Initializes {@code model}'s parameters in this precision on {@code manager}. In float32 by the
     * blocks' initializers (truncated normal, as training starts); in half precision with zeros, since
     * DJL's random initializers do not produce half types on every engine build: the values are then
     * written by the caller ({@link #copyValues}, or a weight file's import, which casts).
     */
    public void initialize(Block model, NDManager manager, Shape input) {
        if (this != F32) {
            model.setInitializer(Initializer.ZEROS, p -> true);
        }
        model.initialize(manager, dataType, input);
    }

    /**
     * Copies every parameter value of {@code from} into {@code to}, cast to {@code to}'s type; both are
     * models of the same shape (same blocks, same parameters in the same order).
     */
    public static void copyValues(Block from, Block to) {
        var source = from.getParameters();
        var target = to.getParameters();
        if (source.size() != target.size()) {
            throw new IllegalArgumentException("models of different shapes: " + source.size() + " vs " + target.size()
                    + " parameters");
        }
        boolean gradMode = JniUtils.isGradMode(); // an in-place write to a parameter must not be recorded
        JniUtils.setGradMode(false);
        try {
            for (int i = 0; i < source.size(); i++) {
                NDArray dst = target.get(i).getValue().getArray();
                try (NDArray cast = source.get(i).getValue().getArray().toType(dst.getDataType(), false)) {
                    dst.set(new NDIndex("..."), cast);
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /**
     * Whether this precision runs on {@code device} with the loaded engine: refuses, in one line, what
     * can't run, and returns the one-line warning to print for what runs slowly.
     *
     * @throws InvalidInputException for bfloat16 on DJL's own PyTorch JNI, which has no bfloat16 type
     *     (the JNI built by {@code tools/djl-jni} has one)
     */
    public Optional<String> checkOn(Device device) {
        if (this == BF16 && !JniFeatures.bfloat16()) {
            throw new InvalidInputException("--dtype bf16 needs a PyTorch JNI that knows bfloat16; DJL 0.36's own does "
                    + "not (build one with tools/djl-jni/build-djl-jni.sh, see the README's GPU section), or use f16 on a GPU");
        }
        if (this == F16 && !device.isGpu()) {
            return Optional.of("--dtype f16 on the CPU: libtorch has no vector kernels for half precision there, so "
                    + "it runs several times slower than f32 (4.6x for Swin-T at 672 on this project's machine)");
        }
        return Optional.empty();
    }
}
