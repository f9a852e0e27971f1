package io.queuelens.cli;

/** A setting that cannot work, with one sentence naming it and how to fix it. Never shown with a stack trace. */
public class ConfigProblem extends RuntimeException {

    public ConfigProblem(String message) {
        super(message);
    }
}
