package io.queuelens.sources.genesys.control;

import io.queuelens.sources.genesys.entity.GenesysObservationSnapshot;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenesysObservationReaderTest {

    static JsonObject json(String s) {
        try (JsonReader r = Json.createReader(new StringReader(s.replace('\'', '"')))) {
            return r.readObject();
        }
    }

    @Test
    void readsWaitingInteractingAndRoutingStatusesOfTheDocumentedShape() {
        JsonObject answer = json("{'results':[{'group':{'queueId':'q1','mediaType':'voice'},'data':["
                + "{'metric':'oWaiting','stats':{'count':1},'observations':[{'observationDate':'2026-12-04T10:00:00.000Z',"
                + "'conversationId':'c1','ani':'tel:+1555','participantName':'Ann'}]},"
                + "{'metric':'oInteracting','stats':{'count':1},'observations':[{'observationDate':'2026-12-04T09:58:00Z',"
                + "'conversationId':'c0','userId':'u3'}]},"
                + "{'metric':'oUserRoutingStatuses','qualifier':'INTERACTING','stats':{'count':1},'observations':[{'userId':'u3'}]},"
                + "{'metric':'oOnQueueUsers','qualifier':'IDLE','stats':{'count':2}}]},"
                + "{'group':{'queueId':'q1','mediaType':'chat'},'data':[{'metric':'oWaiting','observations':["
                + "{'conversationId':'c7'}]}]}]}");
        GenesysObservationSnapshot s = new GenesysObservationReader(List.of("q1", "q2"))
                .observations(answer)
                .members("q1", Json.createArrayBuilder()
                        .add(json("{'id':'u3','name':'Cem','joined':true,'routingStatus':{'status':'IDLE'}}"))
                        .add(json("{'id':'u4','name':'Dan','joined':false}"))
                        .add(json("{'user':{'id':'u5','name':'Eve','presence':{'presenceDefinition':{'systemPresence':'Break'}}}}"))
                        .build())
                .snapshot();
        assertThat(s.queues()).extracting(GenesysObservationSnapshot.QueueState::queueId).containsExactly("q1", "q2");
        GenesysObservationSnapshot.QueueState q1 = s.queues().get(0);
        assertThat(q1.waiting()).extracting(GenesysObservationSnapshot.Waiting::conversationId).containsExactly("c1", "c7");
        assertThat(q1.waiting().get(0).since()).isEqualTo(Instant.parse("2026-12-04T10:00:00Z"));
        assertThat(q1.waiting().get(0).name()).isEqualTo("Ann");
        assertThat(q1.waiting().get(0).ani()).isEqualTo("+1555");
        assertThat(q1.interacting()).extracting(GenesysObservationSnapshot.Interacting::userId).containsExactly("u3");
        assertThat(s.queues().get(1).waiting()).isEmpty();
        assertThat(s.members()).extracting(GenesysObservationSnapshot.Member::userId).containsExactly("u3", "u5");
        assertThat(s.members().get(0).routingStatus()).isEqualTo("INTERACTING"); // the observation is newer
        assertThat(s.members().get(1).presence()).isEqualTo("Break");
        assertThat(s.members().get(1).name()).isEqualTo("Eve");
    }

    @Test
    void queriesAtMostAHundredQueuesEach() {
        List<String> ids = IntStream.range(0, 250).mapToObj(i -> "q" + i).toList();
        List<List<String>> batches = GenesysObservationReader.batches(ids);
        assertThat(batches).extracting(List::size).containsExactly(100, 100, 50);
        JsonObject q = GenesysObservationReader.query(batches.get(2));
        assertThat(q.getJsonObject("filter").getJsonArray("predicates")).hasSize(50);
        assertThat(q.getJsonArray("metrics").toString()).contains("oWaiting", "oInteracting", "oUserRoutingStatuses");
        assertThatThrownBy(() -> GenesysObservationReader.query(ids)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GenesysObservationReader(List.of()).observations(json("{}")))
                .hasMessageContaining("without results");
    }
}
