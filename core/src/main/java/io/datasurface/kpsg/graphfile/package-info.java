/**
 * The graph file: a platform's intention graph as JSON, written by render-service next to the DAGs once per commit and
 * read by the platform's jobs (merge, unused-table removal, metrics) instead of the model, which they then never load
 * or lint. It names the commit it was made from and carries a hash of its content; a job refuses a file whose content
 * does not match the hash or whose commit is not the one its DAG was rendered for.
 */
package io.datasurface.kpsg.graphfile;
