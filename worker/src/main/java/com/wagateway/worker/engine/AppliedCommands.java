package com.wagateway.worker.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Which commands a session has already had applied, kept in its state record on {@code wa.session-state} (and in
 * the headers of its tombstone) so the memory survives a rebalance or a restart:
 * <ul>
 *   <li>{@code appliedOffset}: every command of a session sits in one partition of {@code wa.commands}, in order,
 *       so a record at or below the offset of the last applied one is a redelivery (after a crash between executing
 *       and committing) — however many commands that window holds;</li>
 *   <li>{@code ids}: the last {@value #MAX_IDS} command ids, for the same command produced twice (a producer retry
 *       or an operator replay lands at a new offset).</li>
 * </ul>
 */
public record AppliedCommands(List<String> ids, int partition, long offset) {

    public static final int MAX_IDS = 64;
    public static final AppliedCommands NONE = new AppliedCommands(List.of(), -1, -1);

    public AppliedCommands {
        ids = List.copyOf(ids);
    }

    public boolean contains(String commandId, int partition, long offset) {
        return (partition == this.partition && offset <= this.offset) || ids.contains(commandId);
    }

    public AppliedCommands plus(String commandId, int partition, long offset) {
        List<String> next = new ArrayList<>(ids);
        next.remove(commandId);
        next.add(commandId);
        while (next.size() > MAX_IDS) {
            next.removeFirst();
        }
        boolean newer = partition != this.partition || offset > this.offset;
        return new AppliedCommands(next, newer ? partition : this.partition, newer ? offset : this.offset);
    }
}
