package org.sparsevit4j.supernet.data;

import java.util.List;
import java.util.Objects;

/**
 * A source that answers as another one does: tests override what they change (a failing sample, a
 * part of a split) and inherit the rest.
 */
public abstract class ForwardingSource implements SampleSource {

    protected final SampleSource source;

    protected ForwardingSource(SampleSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public Task task() {
        return source.task();
    }

    @Override
    public int numClasses() {
        return source.numClasses();
    }

    @Override
    public List<String> classNames() {
        return source.classNames();
    }

    @Override
    public int ignoreIndex() {
        return source.ignoreIndex();
    }

    @Override
    public int size(Split split) {
        return source.size(split);
    }

    @Override
    public Sample load(Split split, int index, Transform transform, long augmentSeed) {
        return source.load(split, index, transform, augmentSeed);
    }

    @Override
    public String identity() {
        return source.identity();
    }

    @Override
    public String describe() {
        return source.describe();
    }
}
