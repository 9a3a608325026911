package dev.chatsuite.messaging.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Every instance names the same owner for a conversation, and an instance that leaves moves only its own share. */
class PostOwnersTest {

    private final List<UUID> three = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    private final List<UUID> conversations = IntStream.range(0, 3000).mapToObj(i -> UUID.randomUUID()).toList();

    private PostOwners seenFrom(UUID self, List<UUID> live) {
        PostOwners owners = new PostOwners(self, "test", null, null, true);
        owners.live(live);
        return owners;
    }

    @Test
    void shouldNameTheSameOwnerFromEveryInstanceWhateverOrderItListsThemIn() {
        PostOwners a = seenFrom(three.get(0), three);
        PostOwners b = seenFrom(three.get(1), List.of(three.get(2), three.get(0), three.get(1)));
        for (UUID conversation : conversations) {
            assertThat(a.ownerOf(conversation)).isEqualTo(b.ownerOf(conversation)).isIn(three);
        }
    }

    @Test
    void shouldShareConversationsAmongInstancesRoughlyEvenly() {
        Map<UUID, Integer> share = new HashMap<>();
        PostOwners a = seenFrom(three.get(0), three);
        conversations.forEach(c -> share.merge(a.ownerOf(c), 1, Integer::sum));
        assertThat(share).hasSize(3);
        // 1,000 expected each; a 3,000-draw binomial stays within ±150 of it far beyond any test run's luck.
        share.values().forEach(n -> assertThat(n).isBetween(850, 1150));
    }

    @Test
    void shouldMoveOnlyTheConversationsOfAnInstanceThatLeaves() {
        PostOwners before = seenFrom(three.get(0), three);
        PostOwners after = seenFrom(three.get(0), three.subList(0, 2));
        int moved = 0;
        for (UUID conversation : conversations) {
            UUID owner = before.ownerOf(conversation);
            if (owner.equals(three.get(2))) {
                assertThat(after.ownerOf(conversation)).isIn(three.subList(0, 2));
                moved++;
            } else {
                assertThat(after.ownerOf(conversation)).isEqualTo(owner);
            }
        }
        assertThat(moved).isPositive();
    }

    @Test
    void shouldSkipAnInstanceFoundGoneUntilItAnnouncesItselfAgain() {
        PostOwners owners = seenFrom(three.get(0), three);
        UUID conversation = conversations.stream().filter(c -> owners.ownerOf(c).equals(three.get(1))).findFirst().orElseThrow();
        owners.gone(three.get(1));
        assertThat(owners.ownerOf(conversation)).isNotEqualTo(three.get(1)).isIn(three);

        owners.live(three);
        assertThat(owners.ownerOf(conversation)).isEqualTo(three.get(1));
    }

    @Test
    void shouldOwnEverythingWhenDisabledOrAlone() {
        PostOwners alone = seenFrom(three.get(0), List.of());
        PostOwners disabled = new PostOwners(three.get(0), "test", null, null, false);
        disabled.live(three);
        for (UUID conversation : conversations.subList(0, 100)) {
            assertThat(alone.ownerOf(conversation)).isEqualTo(three.get(0));
            assertThat(disabled.ownerOf(conversation)).isEqualTo(three.get(0));
        }
    }

    @Test
    void shouldAnnounceApartFromInstancesOfAnotherWireVersionOrDatabase() {
        String database = "postgresql://db:5432/messaging";

        assertThat(PostOwners.key(database)).isEqualTo("chat:post-owners:" + PostWire.VERSION + ":" + database)
                // The set of the instances from before the wire was versioned, which speak JSON.
                .isNotEqualTo("chat:post-owners:" + database)
                .isNotEqualTo(PostOwners.key("postgresql://db:5432/other"));
    }
}
