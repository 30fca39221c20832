package dev.workbench.agent.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * OpenAI-compatible Chat Completions, streaming (OpenAI, Ollama, vLLM, llama.cpp, LM Studio...):
 * each item is the {@code data} of one server-sent event, the last one {@code [DONE]}.
 */
@Path("/")
interface OpenAiRestClient {

    @POST
    @Path("chat/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    Multi<String> chatCompletions(@HeaderParam("Authorization") String authorization, ObjectNode body);
}
