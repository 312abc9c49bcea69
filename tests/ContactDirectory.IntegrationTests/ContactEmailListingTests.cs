using System.Net.Http.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Tenancy;
using NavusoftSync.ContactDirectory.Contracts;
using NavusoftSync.Testing;

namespace NavusoftSync.ContactDirectory.IntegrationTests;

/// <summary>ListContactEmails: every contact address of the tenant once, in pages, and no other tenant's.</summary>
public sealed class ContactEmailListingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Pages_list_each_address_of_the_tenant_once_in_order_and_nothing_of_another_tenant()
    {
        var tenant = $"tenant-list-{Guid.NewGuid():N}";
        var domain = $"list-{Guid.NewGuid():N}.com";
        await PutAsync(tenant, "acc-a", ("c1", $"b@{domain}"), ("c2", $"A@{domain}"), ("c3", $"d@{domain}"));
        await PutAsync(tenant, "acc-b", ("c1", $"b@{domain}"), ("c2", $"c@{domain}"));
        await PutAsync($"{tenant}-other", "acc-a", ("c1", $"other@{domain}"));

        var first = await ListAsync(tenant, new ListContactEmails(null, 3));
        var second = await ListAsync(tenant, new ListContactEmails(first.Next, 3));

        Assert.Equal([$"a@{domain}", $"b@{domain}", $"c@{domain}"], first.Emails);
        Assert.Equal($"c@{domain}", first.Next);
        Assert.Equal([$"d@{domain}"], second.Emails);
        Assert.Null(second.Next);
        Assert.Empty((await ListAsync($"{tenant}-third", new ListContactEmails(null))).Emails);
    }

    private async Task PutAsync(string tenant, string accountId, params (string Id, string Email)[] contacts)
    {
        var admin = fixture.ClientFor(Tokens.Admin(tenant));
        var response = await admin.PutAsJsonAsync($"/api/accounts/{accountId}", Http.Account("Acme", [.. contacts.Select(c => (c.Id, (string?)c.Id, c.Email))]));
        Assert.True(response.IsSuccessStatusCode, $"PUT answered {response.StatusCode}");
    }

    private async Task<ContactEmailPage> ListAsync(string tenant, ListContactEmails query)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantScope>().Use(tenant);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }
}
