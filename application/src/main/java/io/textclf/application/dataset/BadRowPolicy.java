package io.textclf.application.dataset;

/** What a reader does with a malformed row. */
public enum BadRowPolicy {
    /** Stop with an error naming the file, line and problem. */
    FAIL,
    /** Leave the row out and report it. */
    SKIP
}
