package io.textclf.domain.data;

/** The file layouts textclf reads. */
public enum Layout {
    /** {@code "class index","title","description"} CSV, as AG News ships. */
    AG_NEWS_CSV,
    /** {@code __label__NAME text} lines, as fastText reads. */
    FASTTEXT
}
