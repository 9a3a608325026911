package dev.chatsuite.messaging.fanout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.vertx.redis.client.Response;

/**
 * Which primary serves each hash slot, as one node's {@code CLUSTER SLOTS} answered: primaries
 * and replicas as {@code host:port}. Immutable, so publishers read it without a lock.
 */
final class ClusterTopology {

    /** A range of slots and its primary. */
    record Range(int from, int to, String primary) {
    }

    private final List<Range> ranges;
    private final String[] owners = new String[ClusterSlot.SLOTS];
    private final Set<String> nodes;

    ClusterTopology(List<Range> ranges, Set<String> nodes) {
        this.ranges = ranges.stream().sorted((a, b) -> Integer.compare(a.from(), b.from())).toList();
        this.nodes = Set.copyOf(nodes);
        for (Range range : this.ranges) {
            Arrays.fill(owners, range.from(), range.to() + 1, range.primary());
        }
    }

    /**
     * Reads a {@code CLUSTER SLOTS} reply: per range {@code [from, to, [host, port, id, ...], replicas...]}.
     * A node announced without a host ({@code ""} or {@code "?"}) is on {@code askedHost}.
     */
    static ClusterTopology parse(Response reply, String askedHost) {
        List<Range> ranges = new ArrayList<>();
        Set<String> nodes = new LinkedHashSet<>();
        for (int i = 0; i < reply.size(); i++) {
            Response range = reply.get(i);
            String primary = null;
            for (int n = 2; n < range.size(); n++) {
                Response node = range.get(n);
                String host = node.get(0) == null ? "" : node.get(0).toString();
                String address = (host.isEmpty() || "?".equals(host) ? askedHost : host) + ":" + node.get(1).toInteger();
                nodes.add(address);
                if (primary == null) {
                    primary = address;
                }
            }
            if (primary != null) {
                ranges.add(new Range(range.get(0).toInteger(), range.get(1).toInteger(), primary));
            }
        }
        return new ClusterTopology(ranges, nodes);
    }

    /** The primary that serves {@code slot}; null while no node does. */
    String owner(int slot) {
        return owners[slot];
    }

    /** Every slot has a primary. */
    boolean complete() {
        return Arrays.stream(owners).allMatch(o -> o != null);
    }

    List<String> primaries() {
        return ranges.stream().map(Range::primary).distinct().toList();
    }

    /** Every node it names, primaries and replicas: where to ask next time. */
    Set<String> nodes() {
        return nodes;
    }

    /** Same primaries for the same slots. */
    boolean sameSlotsAs(ClusterTopology other) {
        return other != null && Arrays.equals(owners, other.owners);
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}
