package org.sparsevit4j.supernet.train;

/** Training stopped because the loss or the gradients stopped being finite numbers. */
public final class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(String message) {
        super(message);
    }
}
