package org.ccm.monthend.cli;

import java.util.List;

/** The subcommands, in the order {@code --help} lists them. */
final class Commands {

    private Commands() {
    }

    static List<Object> all() {
        return List.of();
    }
}
