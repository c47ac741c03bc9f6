resource "kafka-connect_connector" {c.resourceName.hcl} \{
  name = {c.name.hcl}

  config = \{
{#for e in c.config}
    {e.key.hcl} = {e.value.hcl}
{/for}
  }

  config_sensitive = \{
{#for s in c.sensitive}
    {s.key.hcl} = var.{s.variable}
{/for}
  }
}
