package io.datasurface.merge;

/** Input the command cannot work with; the message says what to fix. Exit code 2. */
public final class UnusableInputException extends Exception {
    public UnusableInputException(String message) {
        super(message);
    }
}
