// Loads reportgraph exports with the real JavaScript libraries and prints what each one saw, as JSON lines.
// Usage: node check.js FORMAT FILE [FORMAT FILE ...]; FORMAT is graphology, cytoscape, d3 or gexf.
// Exits non-zero (with the library's message) when a library refuses a file.
'use strict';
const fs = require('fs');
const Graph = require('graphology');
const cytoscape = require('cytoscape');
const d3 = require('d3-force');
const gexf = require('graphology-gexf');

function summary(graph) {
  const categories = {};
  graph.forEachNode((key, attrs) => { categories[attrs.category] = (categories[attrs.category] || 0) + 1; });
  const withType = graph.filterNodes((key, attrs) => 'type' in attrs).length;
  return { nodes: graph.order, edges: graph.size, categories, nodesWithType: withType };
}

const loaders = {
  graphology(text) {
    const graph = Graph.from(JSON.parse(text));  // the file's options make it a directed multigraph
    graph.forEachNode((key, attrs) => {
      if (typeof attrs.x !== 'number' || typeof attrs.y !== 'number') throw new Error(`node ${key} has no x/y`);
      if (typeof attrs.label !== 'string') throw new Error(`node ${key} has no label`);
    });
    return summary(graph);
  },
  cytoscape(text) {
    const json = JSON.parse(text);
    const cy = cytoscape({ headless: true, elements: json.elements, style: json.style });
    const ids = new Set();
    cy.elements().forEach((element) => {
      if (ids.has(element.id())) throw new Error(`duplicate id ${element.id()}`);
      ids.add(element.id());
    });
    cy.edges().forEach((edge) => {
      if (edge.source().empty() || edge.target().empty()) throw new Error(`edge ${edge.id()} has a missing end`);
    });
    return { nodes: cy.nodes().length, edges: cy.edges().length, labels: cy.nodes().filter((n) => n.data('label')).length };
  },
  d3(text) {
    const json = JSON.parse(text);
    if (!Array.isArray(json.links)) throw new Error('no "links" array');
    const simulation = d3.forceSimulation(json.nodes)
      .force('link', d3.forceLink(json.links).id((d) => d.id))  // throws "node not found" on a dangling link
      .stop();
    simulation.tick(2);
    return { nodes: json.nodes.length, edges: json.links.length };
  },
  gexf(text) {
    const graph = gexf.parse(Graph, text);
    const result = summary(graph);
    let dated = 0;
    graph.forEachEdge((key, attrs) => { if (attrs.measure) dated += 1; });
    result.edgesWithMeasure = dated;
    return result;
  },
};

const args = process.argv.slice(2);
if (args.length === 0 || args.length % 2 !== 0) {
  console.error('usage: node check.js FORMAT FILE [FORMAT FILE ...]');
  process.exit(2);
}
for (let i = 0; i < args.length; i += 2) {
  const [format, file] = [args[i], args[i + 1]];
  const load = loaders[format];
  if (!load) {
    console.error(`unknown format ${format}; accepted: ${Object.keys(loaders).join(', ')}`);
    process.exit(2);
  }
  try {
    console.log(JSON.stringify({ format, file, ...load(fs.readFileSync(file, 'utf8')) }));
  } catch (error) {
    console.error(`${format} ${file}: ${error.message}`);
    process.exit(1);
  }
}
