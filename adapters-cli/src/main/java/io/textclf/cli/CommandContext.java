package io.textclf.cli;

import java.util.Map;

/**
 * What commands see of the process: its environment (a stand-in in tests).
 *
 * @param environment environment variables
 */
record CommandContext(Map<String, String> environment) {
}
