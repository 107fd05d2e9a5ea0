package io.textclf.domain.model;

/**
 * Which data file a model saw.
 *
 * @param role "train" or "test"
 * @param path where it was read from
 * @param md5  hex MD5 of the file's bytes (the checksum torchtext checks for AG News)
 * @param rows rows read from it
 */
public record DatasetFingerprint(String role, String path, String md5, long rows) {
}
