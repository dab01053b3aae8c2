package org.sparsevit4j.core;

/**
 * A failure of the machine rather than of the input: a disk that is full, a file that cannot be
 * read or written although it should be, a native library that fails. The command line reports it
 * in one line with exit status 1; bad input ({@link InvalidInputException}) gets status 2.
 */
public class MachineFailureException extends RuntimeException {

    public MachineFailureException(String message) {
        super(message);
    }

    public MachineFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
