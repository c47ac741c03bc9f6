package io.datasurface.cli;

/**
 * Input a command cannot work with: no such folder, ref, platform or stream, a model that cannot be
 * read, a missing credential variable. The message says what to fix; the exit code is
 * {@link ExitCodes#UNUSABLE}.
 */
public class UnusableInputException extends Exception {
    public UnusableInputException(String message) {
        super(message);
    }
}
