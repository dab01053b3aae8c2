package org.sparsevit4j.core;

/**
 * Bad input from a user: a malformed configuration, a wrong shape, a missing file, an impossible
 * budget. The message is one line that names the thing and the rule it breaks; the command line
 * prints it as it is and exits with status 2, without a stack trace.
 */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
