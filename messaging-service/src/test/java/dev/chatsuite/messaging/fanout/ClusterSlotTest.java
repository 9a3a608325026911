package dev.chatsuite.messaging.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Slots as Redis 7.0.15's CLUSTER KEYSLOT answered them for the same keys. */
class ClusterSlotTest {

    @ParameterizedTest
    @CsvSource(delimiter = '=', value = {
            "foo = 12182",
            "bar = 5061",
            "hello = 866",
            "123456789 = 12739",
            "{user1000}.following = 3443",
            "{}x = 10595",
            "chat:user:0b1f7c2e-5f64-4a3b-9b8a-2c1d3e4f5a6b = 5062",
            "chat:user:7f000001-0000-4000-8000-000000000001 = 8269",
            "héllo = 11061" })
    void shouldComputeTheSameSlotAsRedis(String key, int slot) {
        assertThat(ClusterSlot.of(key)).isEqualTo(slot);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '=', value = { "{user1000}.following = {user1000}.followers", "a{tag}b = {tag}", "x{tag}{other} = tag" })
    void shouldHashOnlyTheHashTag(String key, String sameSlotAs) {
        assertThat(ClusterSlot.of(key)).isEqualTo(ClusterSlot.of(sameSlotAs));
    }
}
