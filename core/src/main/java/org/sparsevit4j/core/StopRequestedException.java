package org.sparsevit4j.core;

/**
 * The work was asked to stop (SIGINT, SIGTERM) and unwinds between passes; see {@link StopRequest}.
 * Neither bad input nor a failure of the machine: nothing is retried or reported as an error.
 */
public final class StopRequestedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StopRequestedException(String message) {
        super(message);
    }
}
