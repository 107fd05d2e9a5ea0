package io.textclf.spark.data;

/** How a dataset's files are laid out. */
public enum Layout {
    /** {@code "class index","title","description"}, RFC 4180 quoting, no header, classes named by classes.txt. */
    AG_NEWS_CSV,
    /** One document per line: {@code __label__NAME text}. */
    FASTTEXT
}
