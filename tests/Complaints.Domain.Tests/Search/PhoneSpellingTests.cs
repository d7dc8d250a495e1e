namespace Complaints.Domain.Tests.Search;

/// <summary>A customer who calls back is found by the number in whatever spelling staff type it.</summary>
public sealed class PhoneSpellingTests
{
    [Theory]
    [InlineData("+86 139 1234 5678", "13912345678")]
    [InlineData("0086-139-1234-5678", "13912345678")]
    [InlineData("(139) 1234 5678", "13912345678")]
    [InlineData("１３９ １２３４ ５６７８", "13912345678")]
    [InlineData("＋８６ １３９１２３４５６７８", "13912345678")]
    [InlineData("021-6234 5678", "02162345678")]
    [InlineData("+86 21 6234 5678", "02162345678")]
    [InlineData("0086 21 6234 5678", "02162345678")]
    [InlineData("+86 (0)21 6234 5678", "02162345678")]
    public void Every_spelling_of_one_number_is_one_search_key(string spelling, string normalised) =>
        CustomerKeys.Normalised(SearchKeyKind.Phone, spelling).ShouldBe(normalised);
}
