package dev.workbench.agent.workflow;

import java.util.List;

/** A named chain of agent steps; each step's agent is already mapped to the catalogue's name. */
public record Workflow(String name, String description, List<Step> steps) {

    public record Step(String agent, String action, String prompt) {
    }
}
