package io.textclf.archfixture;

/** Fixture: a class in a package of no layer. */
public final class Orphan {
}
