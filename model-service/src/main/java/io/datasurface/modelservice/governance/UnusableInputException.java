package io.datasurface.modelservice.governance;

/** The check cannot run: no such repository, ref or model folder, or a live model that cannot be read. The message says what to fix. */
public class UnusableInputException extends Exception {
    public UnusableInputException(String message) {
        super(message);
    }
}
